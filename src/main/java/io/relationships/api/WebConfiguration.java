package io.relationships.api;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebMvcConfigurer {

    private final ApiProperties properties;

    WebConfiguration(ApiProperties properties) {
        this.properties = properties;
    }

    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        if (properties.graphiql()) {
            // GraphiQL from the jar's own assets (graphiql-page/ and webjars), so that it works offline
            registry.addViewController("/graphiql").setViewName("forward:/graphiql/index.html");
            registry.addRedirectViewController("/", "/graphiql");
        }
    }

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        if (properties.graphiql()) {
            registry.addResourceHandler("/graphiql/**").addResourceLocations("classpath:/graphiql-page/");
        }
    }
}
