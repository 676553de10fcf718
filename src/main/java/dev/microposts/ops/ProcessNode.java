package dev.microposts.ops;

/**
 * The name this process goes by in alerts, samples and start records: its host ({@code $HOSTNAME}) and role,
 * e.g. {@code web-7f9c/web}.
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
