// The Banner's words for attention; merged into the English dictionary.
export const ATTENTION_EN = {
  'attention.unread': '{count} unread',
  'attention.you': 'You: {text}',
  'attention.noMessage': 'No message yet',
  'attention.waitingFor': 'Waiting for {duration}',
  'attention.settings': 'Alerts',
  'attention.settingsHint': 'When the Banner is not in front, announce a customer’s reply or a new waiting conversation.',
  'attention.sound': 'Play a sound',
  'attention.notify': 'Show a browser notification',
  'attention.showText': 'Show the message text in notifications',
  'attention.notifyHidden': 'Open the Banner to read the message.',
  'attention.notifyDenied': 'Notifications are blocked for this site in the browser’s settings.',
  'attention.notifyUnsupported': 'This browser cannot show notifications.',
  'attention.notifyReply': 'Reply from {who}',
  'attention.notifyWaiting': 'New conversation waiting: {who}',
} as const;

export type AttentionKey = keyof typeof ATTENTION_EN;
