package dev.microposts.web;

import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Registers the rule behind {@link UsernameOrMe}; without a {@link PrincipalUsernames}, nobody is signed in. */
@Configuration(proxyBeanMethods = false)
class UsernameOrMeConfiguration implements WebMvcConfigurer {

    private final ObjectProvider<PrincipalUsernames> usernames;

    UsernameOrMeConfiguration(ObjectProvider<PrincipalUsernames> usernames) {
        this.usernames = usernames;
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new UsernameOrMeResolver(principal ->
                Optional.ofNullable(usernames.getIfAvailable()).flatMap(found -> found.usernameOf(principal))));
    }
}
