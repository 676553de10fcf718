/**
 * Notifications: what happened to a user that they should know of (a new follower, a post that refers to
 * them or mentions them in its text, their video ready or failed, and for admins an alert that fired), recorded from the bus and read through {@code /api/v1/me/notifications}.
 * Each one recorded publishes {@link dev.microposts.notifications.NotificationAdded}, which live streams carry.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Notifications")
package dev.microposts.notifications;
