/**
 * Timeline: who follows whom, the followers and following lists, and each user's home timeline (their
 * own posts and those of the people they follow, newest first).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Timeline")
package dev.microposts.timeline;
