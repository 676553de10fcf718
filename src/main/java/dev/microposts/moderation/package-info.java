/**
 * Moderation: members' reports of posts and accounts, and what admins do about them (remove a post, suspend or
 * unsuspend an account, dismiss a report), each kept in an audit log and told on the bus.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Moderation")
package dev.microposts.moderation;
