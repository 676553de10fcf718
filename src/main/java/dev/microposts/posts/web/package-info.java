/**
 * Posts at the HTTP edge: how the API shows a post ({@code PostView}) and where it links to one ({@code
 * PostLinks}). Controllers of any module that render posts use these; the posts module's own API, in its base
 * package, knows nothing of requests or URLs.
 */
@org.springframework.modulith.NamedInterface("web")
package dev.microposts.posts.web;
