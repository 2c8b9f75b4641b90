// node-smpp decodes and encodes short_message text with its own GSM tables: it turns unknown octets into spaces,
// tags GSM text as IA5, and its national tables disagree with 3GPP TS 23.038. This product encodes and decodes
// the octets itself (gsm7.ts, udh.ts), so the commands that carry text are re-registered, through the package's own
// extension points, with short_message and message_payload as raw octets, and their times as the SMPP strings
// (the package turns a relative validity into a Date of its own clock). Every user of `smpp` in this process then
// sees raw values, which is what the adapter and the fake server both want.
import smpp from 'smpp';

const TEXT_COMMANDS = ['submit_sm', 'deliver_sm'] as const;

let installed = false;

export function useRawShortMessages(): typeof smpp {
  if (installed) return smpp;
  for (const name of TEXT_COMMANDS) {
    const def = smpp.commands[name];
    if (!def?.params) throw new Error(`smpp: command ${name} is not defined`);
    smpp.addCommand(name, {
      ...def,
      params: {
        ...def.params,
        schedule_delivery_time: { type: smpp.types.cstring },
        validity_period: { type: smpp.types.cstring },
        short_message: { type: smpp.types.buffer },
      },
    });
  }
  smpp.addTLV('message_payload', { id: 0x0424, type: smpp.types.tlv.buffer });
  installed = true;
  return smpp;
}
