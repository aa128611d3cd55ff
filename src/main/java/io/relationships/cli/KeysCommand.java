package io.relationships.cli;

import java.util.Locale;
import java.util.Map;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

@Command(name = "keys", description = "API keys (ADMIN): list, create NAME --role ROLE, revoke ID.")
final class KeysCommand extends Cli.Base {
    @Parameters(index = "0", description = "list, create or revoke")
    String action;
    @Parameters(index = "1", arity = "0..1", description = "create: the key's name; revoke: its id")
    String argument;
    @Option(names = "--role", defaultValue = "VIEWER", description = "VIEWER, OPERATOR or ADMIN (default: ${DEFAULT-VALUE})")
    String role;

    private static final String FIELDS = "id name role prefix createdAt createdBy lastUsedAt revokedAt";

    @Override
    public Integer call() {
        switch (action.toLowerCase(Locale.ROOT)) {
            case "list" -> {
                for (JsonNode key : client().execute("{ apiKeys { " + FIELDS + " } }", Map.of()).path("apiKeys")) {
                    printKey(key);
                }
            }
            case "create" -> {
                JsonNode created = client().execute("mutation($name: String!, $role: ApiRole!) { createApiKey(name: $name, role: $role) { key apiKey { "
                        + FIELDS + " } } }", Map.of("name", required("a name"), "role", role.toUpperCase(Locale.ROOT))).path("createApiKey");
                printKey(created.path("apiKey"));
                // The key goes to standard output alone on its last line, so a script can capture it; it is shown only this once.
                out().println(created.path("key").asString());
            }
            case "revoke" -> {
                JsonNode revoked = client().execute("mutation($id: ID!) { revokeApiKey(id: $id) { " + FIELDS + " } }",
                        Map.of("id", required("the key's id"))).path("revokeApiKey");
                printKey(revoked);
            }
            default -> throw new CommandLine.ParameterException(spec.commandLine(), "unknown action '" + action + "': list, create or revoke");
        }
        return Cli.OK;
    }

    private String required(String what) {
        if (argument == null || argument.isBlank()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "keys " + action + " needs " + what);
        }
        return argument;
    }

    private void printKey(JsonNode key) {
        out().printf("%-4s %-24s %-8s %s…  created %s by %s%s%s%n", key.path("id").asString(), key.path("name").asString(),
                key.path("role").asString(), key.path("prefix").asString(), key.path("createdAt").asString(), key.path("createdBy").asString("?"),
                key.path("lastUsedAt").isNull() ? "" : ", last used " + key.path("lastUsedAt").asString(),
                key.path("revokedAt").isNull() ? "" : ", REVOKED " + key.path("revokedAt").asString());
    }
}
