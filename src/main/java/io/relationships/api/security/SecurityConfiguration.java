package io.relationships.api.security;

import java.util.UUID;

import io.relationships.api.ApiProperties;
import io.relationships.api.GraphQlGet;
import io.relationships.api.PersistedQueries;
import io.relationships.api.RootFieldPolicies;
import io.relationships.support.Privileged;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpMethod;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.access.hierarchicalroles.RoleHierarchyImpl;
import org.springframework.security.authorization.AuthorityAuthorizationManager;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.SingleResultAuthorizationManager;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.ExceptionTranslationFilter;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository;
import org.springframework.web.util.UrlPathHelper;

/**
 * Who may do what. Scripts and the CLI send {@code Authorization: Bearer <key>}; the admin page's people log in
 * (form or HTTP Basic) and get a session, protected against CSRF by a token kept in that session. GraphQL
 * operations are checked per root field at the edge ({@link GraphQlAccess}) and again by method security in the
 * services. Roles include each other (ADMIN ⊃ OPERATOR ⊃ VIEWER, {@link #roleHierarchy}), everywhere: every
 * authentication is granted the roles its role includes ({@link RoleAuthorities}), and the rules below apply the
 * hierarchy too.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
class SecurityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);
    /** Everything else answers a missing login with a 401 it can read. */
    private static final AuthenticationEntryPoint UNAUTHENTICATED = (request, response, e) -> AccessErrors.write(response, 401,
            "UNAUTHENTICATED", "credentials are needed: an API key (Authorization: Bearer <key>) or a login");

    private final SecurityProperties properties;
    private String generatedAdminPassword;

    SecurityConfiguration(SecurityProperties properties) {
        this.properties = properties;
    }

    @Bean
    static RoleHierarchy roleHierarchy() {
        return RoleHierarchyImpl.fromHierarchy("ROLE_ADMIN > ROLE_OPERATOR\nROLE_OPERATOR > ROLE_VIEWER");
    }

    @Bean
    SecurityFilterChain security(HttpSecurity http, ApiKeys keys, PersistedQueries persisted, ApiProperties api, RoleHierarchy roles,
                                 AuthenticationThrottle throttle, RootFieldPolicies policies) throws Exception {
        AuthorizationManager<RequestAuthorizationContext> reads = reads(roles);
        http.authorizeHttpRequests(requests -> requests
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info").permitAll()
                        .requestMatchers("/actuator/**").hasRole("OPERATOR")
                        .requestMatchers("/graphql").permitAll() // per operation: GraphQlAccess
                        // the SDL says what introspection says: published when it is on, to whoever may query
                        .requestMatchers("/graphql/schema").access(reads)
                        .requestMatchers("/graphiql", "/graphiql/**", "/webjars/**", "/", "/error", "/login", "/logout").permitAll()
                        .requestMatchers(HttpMethod.POST, "/admin/cache/refresh", "/admin/uploads").hasRole("OPERATOR")
                        .requestMatchers("/admin/cache/stats").access(reads)
                        .requestMatchers("/admin", "/admin/**").hasRole("VIEWER")
                        .requestMatchers("/api/**", "/reports/**", "/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html").access(reads)
                        .anyRequest().denyAll())
                .addFilterBefore(new ThrottledAttempts(throttle), UsernamePasswordAuthenticationFilter.class)
                .addFilterBefore(new ApiKeyAuthenticationFilter(keys, new RoleAuthorities(roles), throttle), BasicAuthenticationFilter.class)
                .addFilterAfter(new GraphQlAccess(new OperationRoles(api.documentCacheSize(), properties.openReads(), policies), persisted, roles),
                        ExceptionTranslationFilter.class)
                .httpBasic(basic -> basic
                        // a header that cannot be read is a failed authentication like a wrong password: 401, in our shape
                        .authenticationEntryPoint(UNAUTHENTICATED)
                        .authenticationDetailsSource(request -> new AuthenticationThrottle.Attempt(AuthenticationThrottle.Kind.BASIC, request.getRemoteAddr())))
                .formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/admin/relationships", false).permitAll()
                        .authenticationDetailsSource(request -> new AuthenticationThrottle.Attempt(AuthenticationThrottle.Kind.FORM, request.getRemoteAddr())))
                .logout(Customizer.withDefaults())
                .csrf(csrf -> csrf
                        // in the session, not a cookie: a cookie can be planted from another port of the same host, a session cannot.
                        // The page gets the token from GET /admin/session (the login form has it written in).
                        .csrfTokenRepository(new HttpSessionCsrfTokenRepository())
                        // CSRF abuses credentials a browser sends by itself: a session cookie, or HTTP Basic it remembers. A request
                        // with a Bearer key, or with no credentials at all (an open read), has nothing to abuse. The login form
                        // always carries a token (no logging a victim into an attacker's account).
                        .requireCsrfProtectionMatcher(SecurityConfiguration::browserCredentials))
                .exceptionHandling(errors -> errors
                        // a person opening the admin page is sent to the login form; everything else gets a 401 it can read
                        .defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/login"),
                                request -> request.getRequestURI().startsWith("/admin") && String.valueOf(request.getHeader("Accept")).contains("text/html"))
                        .defaultAuthenticationEntryPointFor(UNAUTHENTICATED, request -> true));
        return http.build();
    }

    /** Reading relationship data: anyone when reads are open, else VIEWER or a role that includes it. */
    private AuthorizationManager<RequestAuthorizationContext> reads(RoleHierarchy roles) {
        if (properties.openReads()) {
            return SingleResultAuthorizationManager.permitAll();
        }
        AuthorityAuthorizationManager<RequestAuthorizationContext> viewer = AuthorityAuthorizationManager.hasRole(Role.VIEWER.name());
        viewer.setRoleHierarchy(roles);
        return viewer;
    }

    static boolean browserCredentials(HttpServletRequest request) {
        String method = request.getMethod();
        if (HttpMethod.GET.matches(method) || HttpMethod.HEAD.matches(method) || HttpMethod.OPTIONS.matches(method) || HttpMethod.TRACE.matches(method)
                || GraphQlGet.translated(request)) { // a query sent with GET, on its way as a POST: it cannot change anything
            return false;
        }
        String authorization = request.getHeader("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        return (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6))
                || request.getRequestedSessionId() != null
                || "/login".equals(UrlPathHelper.defaultInstance.getPathWithinApplication(request));
    }

    /** The admin page's login: the configured password, or (embedded mode) one made now and printed once. */
    @Bean
    UserDetailsService adminUser(RoleHierarchy roles) {
        RoleAuthorities authorities = new RoleAuthorities(roles);
        PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
        String password = properties.adminPassword();
        if (password == null || password.isBlank()) {
            password = UUID.randomUUID().toString();
            generatedAdminPassword = password;
        }
        InMemoryUserDetailsManager users = new InMemoryUserDetailsManager(
                User.withUsername(properties.adminUser()).password(encoder.encode(password)).authorities(authorities.of(Role.ADMIN)).build());
        properties.users().forEach((name, user) -> {
            if (user.password() == null || user.password().isBlank()) {
                throw new IllegalStateException("relationships.security.users." + name + ".password is missing");
            }
            String stored = user.password().startsWith("{") ? user.password() : encoder.encode(user.password());
            users.createUser(User.withUsername(name).password(stored).authorities(authorities.of(user.role())).build());
        });
        return users;
    }

    /** Before readiness (ApplicationStartedEvent), so that the first request may already use the bootstrap key. */
    @EventListener(ApplicationStartedEvent.class)
    void announceCredentials(ApplicationStartedEvent event) {
        ApiKeys keys = event.getApplicationContext().getBean(ApiKeys.class);
        if (properties.bootstrapApiKey() != null && !properties.bootstrapApiKey().isBlank()) {
            keys.register("bootstrap", Role.ADMIN, properties.bootstrapApiKey().strip());
        }
        if (properties.printDevKey()) {
            if (!keys.anyActive()) {
                // shown once: only its hash is kept
                log.warn("Development API key with role ADMIN (shown once, keep it): {}", Privileged.runAs("start-up",
                        () -> keys.create("development", Role.ADMIN, "start-up").key()));
            }
            if (generatedAdminPassword != null) {
                log.warn("Admin page login for this run: user '{}', password '{}' (set relationships.security.admin-password to choose one)",
                        properties.adminUser(), generatedAdminPassword);
            }
        } else if (generatedAdminPassword != null) {
            log.warn("No admin password is configured (relationships.security.admin-password): the admin page's login is closed");
        }
    }
}
