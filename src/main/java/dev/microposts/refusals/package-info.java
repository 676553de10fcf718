/**
 * Refusals: the ways a module says no in its own words (there is no such post, it is not yours, the text is
 * too long, come back in a minute), without knowing whether the one who asked came through the API, a page, a
 * command or a task. Each module throws these, or its own subclasses ({@code PostNotFound} is a
 * {@link dev.microposts.refusals.NotFound}); the web module alone turns a {@link dev.microposts.refusals.Refusal}
 * into a status code, a problem+json body or a form's messages. It depends on nothing and every module may use
 * it.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Refusals")
package dev.microposts.refusals;
