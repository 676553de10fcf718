package dev.microposts.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the username a handler acts for, so one handler serves both {@code /users/{username}/...} and its
 * {@code /me/...} alias: the {@code username} path variable when the path has one, else the signed-in user's
 * own. Map the handler to both paths, e.g.
 * {@code @GetMapping({"/users/{username}/followers", "/me/followers"})}, and take
 * {@code @UsernameOrMe String username}. The security rules already ask for sign-in on every {@code /me} path;
 * should one slip through, the answer is the same 401 problem.
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface UsernameOrMe {}
