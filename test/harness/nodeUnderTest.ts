import type { ICredentialDataDecryptedObject, ICredentialType, INodeType } from 'n8n-workflow';

export interface NodeUnderTest {
	nodeType: INodeType;
	credentialType: ICredentialType;
	/** The stored credential data; n8n fills in the defaults of the properties it lacks. */
	credentials: ICredentialDataDecryptedObject;
}
