import type { AttentionKey } from './attention-en';

export const ATTENTION_FR: Readonly<Record<AttentionKey, string>> = {
  'attention.unread': 'Non lus : {count}',
  'attention.you': 'Vous : {text}',
  'attention.noMessage': 'Aucun message pour l’instant',
  'attention.waitingFor': 'En attente depuis {duration}',
  'attention.settings': 'Alertes',
  'attention.settingsHint': 'Quand le Banner n’est pas au premier plan, signaler la réponse d’un client ou une nouvelle conversation en attente.',
  'attention.sound': 'Jouer un son',
  'attention.notify': 'Afficher une notification du navigateur',
  'attention.showText': 'Afficher le texte du message dans les notifications',
  'attention.notifyHidden': 'Ouvrez le Banner pour lire le message.',
  'attention.notifyDenied': 'Les notifications sont bloquées pour ce site dans les réglages du navigateur.',
  'attention.notifyUnsupported': 'Ce navigateur ne peut pas afficher de notifications.',
  'attention.notifyReply': 'Réponse de {who}',
  'attention.notifyWaiting': 'Nouvelle conversation en attente : {who}',
};
