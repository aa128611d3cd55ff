package io.relationships.api;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.util.UrlPathHelper;

/**
 * Whether a request is for {@code /graphql}, decided the way the GraphQL router decides it: on the decoded path
 * within the application. Comparing the raw URI would let {@code /%67raphql} reach GraphQL past every filter that
 * looks for {@code /graphql}.
 */
public final class GraphQlEndpoint {

    public static final String PATH = "/graphql";

    private GraphQlEndpoint() {
    }

    public static boolean matches(HttpServletRequest request) {
        return PATH.equals(UrlPathHelper.defaultInstance.getPathWithinApplication(request));
    }

    /** A GraphQL request with its operation in the body: what the filters that read the body look at. */
    public static boolean isPost(HttpServletRequest request) {
        return "POST".equals(request.getMethod()) && matches(request);
    }
}
