package io.relationships.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import graphql.schema.GraphQLSchema;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.UnExecutableSchemaGenerator;
import org.springframework.core.io.ClassPathResource;

/** The contract, {@code graphql/schema.graphqls}, as graphql-java reads it: for tests of what it states, without a service. */
public final class ContractSchema {

    private ContractSchema() {
    }

    /** The schema the service reads: {@code classpath:graphql/schema.graphqls}. */
    public static GraphQLSchema load() {
        try (InputStream in = new ClassPathResource("graphql/schema.graphqls").getInputStream()) {
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static GraphQLSchema parse(String sdl) {
        return UnExecutableSchemaGenerator.makeUnExecutableSchema(new SchemaParser().parse(sdl));
    }
}
