import { MessageRecord, type Delivery } from '../messageRecord';

/** A MessageRecord that also tells a listener of every message it accepts. */
export class ObservedMessageRecord extends MessageRecord {
	constructor(
		file: string | undefined,
		private readonly onAccept: (delivery: Delivery) => void,
	) {
		super(file);
	}

	override accept(delivery: Delivery): void {
		super.accept(delivery);
		this.onAccept(delivery);
	}
}
