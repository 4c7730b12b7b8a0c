/** Desktop notifications through the Notification API; silently absent where the browser has none. */

export type NotificationPermissionState = NotificationPermission | 'unsupported';

export function readNotificationPermission(): NotificationPermissionState {
  return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
}

export async function requestNotificationPermission(): Promise<NotificationPermissionState> {
  if (typeof Notification === 'undefined') return 'unsupported';
  return Notification.requestPermission();
}

/** Shows a notification only when the tab is hidden (a visible inbox already shows the change). */
export function showBrowserNotification(title: string, body: string, onClick: () => void): void {
  if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
  if (document.visibilityState === 'visible') return;
  const notification = new Notification(title, { body, tag: `${title}:${body}`.slice(0, 120) });
  notification.onclick = () => {
    window.focus();
    onClick();
    notification.close();
  };
}
