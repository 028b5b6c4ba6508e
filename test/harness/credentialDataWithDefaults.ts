import { NodeHelpers } from 'n8n-workflow';
import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	INodeParameters,
} from 'n8n-workflow';

/** Fills in the credential properties' defaults as n8n's CLI `applyDefaultsAndOverwrites` does. */
export function credentialDataWithDefaults(
	credentialType: ICredentialType,
	storedData: ICredentialDataDecryptedObject,
): ICredentialDataDecryptedObject {
	return NodeHelpers.getNodeParameters(
		credentialType.properties,
		storedData as INodeParameters,
		true,
		false,
		null,
		null,
	) as ICredentialDataDecryptedObject;
}
