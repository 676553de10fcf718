package dev.microposts.ops;

/**
 * The name this process goes by in alerts, samples, start records and every log line ({@code service.node.name}):
 * its host ({@code $HOSTNAME}, or the machine's name) and role, e.g. {@code web-7f9c/web}.
 */
public record ProcessNode(String name) {

    public static ProcessNode of(String host, String role) {
        return new ProcessNode(host + "/" + role);
    }

    @Override
    public String toString() {
        return name;
    }
}
