package io.relationships.admin;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import io.relationships.load.LoadException;
import io.relationships.load.Uploads;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.util.HtmlUtils;

/**
 * The dashboard's page (static assets from {@code admin-page/} in the jar: it works offline) and its two
 * endpoints. Everything else the page shows or does goes through {@code /graphql}.
 */
@RestController
class AdminPage {

    @Configuration(proxyBeanMethods = false)
    static class Assets implements WebMvcConfigurer {

        @Override
        public void addViewControllers(ViewControllerRegistry registry) {
            registry.addRedirectViewController("/admin", "/admin/relationships");
            registry.addViewController("/admin/relationships").setViewName("forward:/admin/relationships/index.html");
        }

        @Override
        public void addResourceHandlers(ResourceHandlerRegistry registry) {
            registry.addResourceHandler("/admin/relationships/**").addResourceLocations("classpath:/admin-page/");
        }
    }

    /** Who is logged in, what they may do, and the CSRF token to send with changes. */
    record Session(String user, List<String> roles, boolean canOperate, boolean canAdminister, String csrfHeader, String csrfToken) {
    }

    private final Uploads uploads;

    AdminPage(Uploads uploads) {
        this.uploads = uploads;
    }

    /** The login form (the admin page's own, served from the jar like the page itself). */
    @GetMapping(value = "/login", produces = "text/html")
    String login(CsrfToken csrf) throws IOException {
        try (var page = AdminPage.class.getResourceAsStream("/admin-page/login.html")) {
            String html = new String(page.readAllBytes(), StandardCharsets.UTF_8);
            // the token is URL-safe Base64 or a UUID; escaped all the same, as everything written into a page
            return html.replace("__CSRF_PARAMETER__", HtmlUtils.htmlEscape(csrf.getParameterName()))
                    .replace("__CSRF_TOKEN__", HtmlUtils.htmlEscape(csrf.getToken()));
        }
    }

    @GetMapping("/admin/session")
    Session session(Authentication authentication, HttpServletRequest request) {
        List<String> roles = authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .filter(a -> a.startsWith("ROLE_")).map(a -> a.substring(5)).toList();
        CsrfToken csrf = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
        boolean admin = roles.contains("ADMIN");
        return new Session(authentication.getName(), roles, admin || roles.contains("OPERATOR"), admin,
                csrf == null ? null : csrf.getHeaderName(), csrf == null ? null : csrf.getToken());
    }

    record Uploaded(String id, String path, String fileName, long bytes) {
    }

    @PostMapping("/admin/uploads")
    Uploaded upload(@RequestParam("file") MultipartFile file) throws IOException {
        Uploads.Upload upload = uploads.store(file.getOriginalFilename(), file.getInputStream());
        return new Uploaded(upload.id(), upload.path().toString(), upload.fileName(), upload.bytes());
    }

    @ExceptionHandler(LoadException.class)
    ResponseEntity<Map<String, Object>> refused(LoadException e) {
        return error(HttpStatus.BAD_REQUEST, e.code().name(), e.getMessage());
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ResponseEntity<Map<String, Object>> tooLarge(MaxUploadSizeExceededException e) {
        return error(HttpStatus.PAYLOAD_TOO_LARGE, "PAYLOAD_TOO_LARGE", "the file is larger than the upload limit ("
                + (e.getMaxUploadSize() > 0 ? e.getMaxUploadSize() / 1024 / 1024 + " MB" : "spring.servlet.multipart.max-file-size") + ")");
    }

    private static ResponseEntity<Map<String, Object>> error(HttpStatus status, String code, String message) {
        return ResponseEntity.status(status).body(Map.of("errors", List.of(Map.of("message", message, "extensions", Map.of("code", code)))));
    }
}
