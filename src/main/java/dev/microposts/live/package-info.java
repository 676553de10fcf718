/**
 * Live updates: {@code GET /api/v1/me/events}, a server-sent events stream of what concerns the user (new posts
 * in their timeline, notifications, the state of their own videos), read from the bus log, so it works in any
 * process of any role. A reconnect with {@code Last-Event-ID} resumes after the last event the client saw.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Live")
package dev.microposts.live;
