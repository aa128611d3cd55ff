package io.relationships.api;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebMvcConfigurer {

    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        // GraphiQL from the jar's own assets (static/graphiql), so that it works offline
        registry.addViewController("/graphiql").setViewName("forward:/graphiql/index.html");
        registry.addRedirectViewController("/", "/graphiql");
    }
}
