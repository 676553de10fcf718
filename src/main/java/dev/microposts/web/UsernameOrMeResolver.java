package dev.microposts.web;

import dev.microposts.refusals.NotSignedIn;
import java.util.Map;
import java.util.Optional;
import org.springframework.core.MethodParameter;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.HandlerMapping;

/** Fills a {@link UsernameOrMe} parameter by the one rule that makes every {@code /me} path an alias. */
class UsernameOrMeResolver implements HandlerMethodArgumentResolver {

    /** What security answers on a {@code /me} path without a token, said the same way if one gets this far. */
    static final String SIGN_IN_FIRST =
            "This needs an access token: send 'Authorization: Bearer <token>' (get one from POST /api/v1/token)";

    private final PrincipalUsernames usernames;

    UsernameOrMeResolver(PrincipalUsernames usernames) {
        this.usernames = usernames;
    }

    /**
     * The username the path names, else the signed-in user's: a path with a {@code username} is about that
     * user whoever asks, and a {@code /me} path is about whoever asks.
     */
    static String usernameFor(Map<String, String> pathVariables, Optional<String> signedIn) {
        String named = pathVariables.get("username");
        if (named != null) {
            return named;
        }
        return signedIn.orElseThrow(() -> new NotSignedIn(SIGN_IN_FIRST));
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.hasParameterAnnotation(UsernameOrMe.class) && parameter.getParameterType() == String.class;
    }

    @Override
    public String resolveArgument(
            MethodParameter parameter,
            ModelAndViewContainer mavContainer,
            NativeWebRequest request,
            WebDataBinderFactory binderFactory) {
        @SuppressWarnings("unchecked")
        Map<String, String> pathVariables = (Map<String, String>)
                request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
        return usernameFor(pathVariables == null ? Map.of() : pathVariables, signedIn());
    }

    private Optional<String> signedIn() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication == null || !authentication.isAuthenticated()
                ? Optional.empty()
                : usernames.usernameOf(authentication.getPrincipal());
    }
}
