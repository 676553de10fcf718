package dev.microposts.accounts.internal;

import dev.microposts.refusals.Refusal;
import dev.microposts.web.ProblemResponses;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.session.autoconfigure.DefaultCookieSerializerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.savedrequest.NullRequestCache;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.servlet.handler.HandlerMappingIntrospector;

/**
 * Two ways in: the API is stateless and takes bearer tokens; pages use a session cookie from the login
 * form (stored in PostgreSQL, so any web process serves any user). API reads are public, writes and
 * everything under {@code /me} need a token.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class SecurityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

    /**
     * Session and CSRF cookies are {@code Secure} unless {@code microposts.web.secure-cookies} says otherwise;
     * by default they are not only in the local mode (embedded database), which plain-HTTP localhost serves.
     */
    private final boolean secureCookies;

    SecurityConfiguration(Environment environment) {
        boolean local = environment.getProperty("microposts.database.embedded", Boolean.class, false);
        Boolean configured = environment.getProperty("microposts.web.secure-cookies", Boolean.class);
        this.secureCookies = configured != null ? configured : !local;
        if (!secureCookies) {
            log.warn(
                    "Session and CSRF cookies are sent without Secure ({}); serve the site over HTTPS and set"
                            + " MICROPOSTS_WEB_SECURE_COOKIES=true outside local use",
                    local ? "local mode, embedded database" : "MICROPOSTS_WEB_SECURE_COOKIES=false");
        }
    }

    /** Tracing every security filter costs a measurable share of each request; HTTP metrics remain. */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    ProblemEntryPoint problemEntryPoint() {
        return new ProblemEntryPoint();
    }

    @Bean
    @Order(1)
    SecurityFilterChain api(HttpSecurity http, AccessTokens tokens, ProblemEntryPoint problems) throws Exception {
        return http.securityMatcher("/api/**")
                .csrf(csrf -> csrf.disable())
                .requestCache(cache -> cache.disable())
                .formLogin(form -> form.disable())
                .httpBasic(basic -> basic.disable())
                .logout(logout -> logout.disable())
                .servletApi(servletApi -> servletApi.disable())
                // why: a request without a token simply has no authentication; public reads are
                // permitted as they are and the rest is refused, with two filters fewer on every call
                .anonymous(anonymous -> anonymous.disable())
                .sessionManagement(session -> session.disable())
                .addFilterBefore(new BearerTokenFilter(tokens, problems), UsernamePasswordAuthenticationFilter.class)
                .exceptionHandling(exceptions ->
                        exceptions.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                // why: a live stream ends in an async dispatch of its request, which was authorized when it came
                // in; with no session to bring the token's user back, checking it again refused a response
                // already sent and logged an error for every stream that ended
                .authorizeHttpRequests(requests -> requests.dispatcherTypeMatchers(DispatcherType.ASYNC)
                        .permitAll()
                        .requestMatchers("/api/v1/admin/**", "/api/admin/**")
                        .hasRole(Roles.ADMIN)
                        .requestMatchers("/api/v1/me", "/api/v1/me/**", "/api/me", "/api/me/**")
                        .authenticated()
                        .requestMatchers(HttpMethod.POST, "/api/v1/users", "/api/v1/token")
                        .permitAll()
                        .requestMatchers(HttpMethod.GET, "/api/**")
                        .permitAll()
                        .requestMatchers(HttpMethod.HEAD, "/api/**")
                        .permitAll()
                        .anyRequest()
                        .authenticated())
                .build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain mediaFiles(HttpSecurity http, AccessTokens tokens, ProblemEntryPoint problems)
            throws Exception {
        // why: files of a posted video are anyone's, but an upload on no post yet is its owner's only, who
        // may hold a bearer token or the page session; the session is read only when a file asks who it is
        return http.securityMatcher("/media/**")
                .csrf(csrf -> csrf.disable())
                .requestCache(cache -> cache.disable())
                .formLogin(form -> form.disable())
                .httpBasic(basic -> basic.disable())
                .logout(logout -> logout.disable())
                .anonymous(anonymous -> anonymous.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.NEVER))
                .addFilterBefore(new BearerTokenFilter(tokens, problems), UsernamePasswordAuthenticationFilter.class)
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .build();
    }

    @Bean
    @Order(3)
    SecurityFilterChain operations(HttpSecurity http) throws Exception {
        return http.securityMatcher("/actuator/**")
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .build();
    }

    @Bean
    @Order(4)
    SecurityFilterChain pages(
            HttpSecurity http, AccountService accounts, Accounts accountRows, HandlerMappingIntrospector handlers)
            throws Exception {
        CookieCsrfTokenRepository csrfTokens = new CookieCsrfTokenRepository();
        csrfTokens.setCookieCustomizer(cookie -> cookie.secure(secureCookies).sameSite("Lax"));
        return http.authenticationProvider(new PasswordLogin(accounts))
                .formLogin(form -> form.loginPage("/login")
                        .defaultSuccessUrl("/", false)
                        .failureHandler(failedLogin())
                        .permitAll())
                .logout(logout -> logout.logoutUrl("/logout")
                        .logoutSuccessUrl("/login?logged-out")
                        .permitAll())
                // why: anonymous visits must not create sessions (rows in PostgreSQL): the CSRF token
                // lives in a cookie, and no request is saved to replay after login
                .csrf(csrf -> csrf.csrfTokenRepository(csrfTokens))
                .requestCache(cache -> cache.requestCache(new NullRequestCache()))
                .addFilterBefore(new CurrentRoles(accountRows), AuthorizationFilter.class)
                // why: the pages' own JSON calls (the compose box upload) cannot follow a redirect to the login
                // form; a session that has ended answers them as the API would
                .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(signIn()))
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        .referrerPolicy(
                                referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN))
                        .frameOptions(frames -> frames.deny()))
                .authorizeHttpRequests(requests -> requests.requestMatchers("/admin", "/admin/**")
                        .hasRole(Roles.ADMIN)
                        .requestMatchers(
                                "/",
                                "/login",
                                "/signup",
                                "/goodbye",
                                "/error",
                                "/v3/api-docs",
                                "/v3/api-docs/**",
                                "/assets/**",
                                "/search")
                        .permitAll()
                        .requestMatchers(HttpMethod.GET, "/users/**", "/tags/**")
                        .permitAll()
                        .requestMatchers(nothingAnswers(handlers))
                        .permitAll()
                        .anyRequest()
                        .authenticated())
                .build();
    }

    private static AuthenticationEntryPoint signIn() {
        AuthenticationEntryPoint loginForm = new LoginUrlAuthenticationEntryPoint("/login");
        return (request, response, refused) -> {
            String accept = request.getHeader("Accept");
            if (accept != null && accept.contains("json")) {
                sessionEnded(request, response, refused);
            } else {
                loginForm.commence(request, response, refused);
            }
        };
    }

    private static void sessionEnded(
            HttpServletRequest request, HttpServletResponse response, AuthenticationException refused)
            throws IOException {
        ProblemResponses.write(
                response,
                ProblemDetail.forStatusAndDetail(
                        HttpStatus.UNAUTHORIZED, "You are not signed in, or your session has ended; log in again"));
    }

    /**
     * Back to the form, which says what went wrong from its {@code error} parameter alone. The default handler
     * keeps the exception in a new session: every failed guess would then leave a row in PostgreSQL for the
     * whole session timeout, which a loop of failed logins turns into a flood.
     */
    private static AuthenticationFailureHandler failedLogin() {
        SimpleUrlAuthenticationFailureHandler handler = new SimpleUrlAuthenticationFailureHandler("/login?error");
        handler.setAllowSessionCreation(false);
        return handler;
    }

    /**
     * Requests for which there is no page at all. They go through to the friendly not-found page: sending a
     * logged-out visitor to log in first, only to find nothing there afterwards, would mislead them.
     */
    static RequestMatcher nothingAnswers(HandlerMappingIntrospector handlers) {
        return request -> {
            try {
                return handlers.getMatchableHandlerMapping(request) == null;
            } catch (Exception e) {
                // why: a page answers the path, though not this way (another method, say): it exists, so it
                // stays behind the login like every other page
                return false;
            }
        };
    }

    /**
     * Pages run scripts and styles from this origin only (no inline script), play media from it, and are
     * never framed.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self';"
            + " img-src 'self' data:; media-src 'self'; connect-src 'self'; object-src 'none';"
            + " base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /** The session cookie follows the same {@code Secure} rule as the CSRF cookie. */
    @Bean
    DefaultCookieSerializerCustomizer sessionCookie() {
        return serializer -> serializer.setUseSecureCookie(secureCookies);
    }

    /** The login form's check: the same password rules and throttle as the API's token endpoint. */
    static final class PasswordLogin implements AuthenticationProvider {

        private final AccountService accounts;

        PasswordLogin(AccountService accounts) {
            this.accounts = accounts;
        }

        @Override
        public Authentication authenticate(Authentication authentication) {
            String address = authentication.getDetails() instanceof WebAuthenticationDetails details
                    ? details.getRemoteAddress()
                    : "unknown";
            try {
                Account account = accounts.authenticate(
                        authentication.getName(), String.valueOf(authentication.getCredentials()), address);
                return UsernamePasswordAuthenticationToken.authenticated(
                        account.ref(), null, Roles.of(account.admin()));
            } catch (Refusal refusal) {
                if (refusal.reason() == Refusal.Reason.LIMIT_REACHED) {
                    throw new LockedException(refusal.getMessage());
                }
                throw new BadCredentialsException("Wrong username or password");
            }
        }

        @Override
        public boolean supports(Class<?> authentication) {
            return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
        }
    }
}
