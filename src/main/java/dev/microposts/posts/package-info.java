/**
 * Posts: the micro-posts, their collections per user, edits with optimistic concurrency, and text
 * search. Other modules read posts through {@link dev.microposts.posts.Posts}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Posts")
package dev.microposts.posts;
