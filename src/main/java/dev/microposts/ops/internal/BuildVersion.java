package dev.microposts.ops.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The version and commit this process was built from, as the build recorded them in
 * {@code META-INF/build-info.properties} and {@code git.properties}: what logs, metrics and the ops pages
 * show, so an incident can be tied to a release.
 */
record BuildVersion(String version, String commit) {

    static BuildVersion current() {
        Properties build = load("META-INF/build-info.properties");
        Properties git = load("git.properties");
        return new BuildVersion(
                build.getProperty("build.version", "development"), git.getProperty("git.commit.id.abbrev", "unknown"));
    }

    /** {@code 0.1.0+3f2c1ab}: the version with the commit as build metadata. */
    String label() {
        return commit.equals("unknown") ? version : version + "+" + commit;
    }

    private static Properties load(String resource) {
        Properties properties = new Properties();
        try (InputStream in = BuildVersion.class.getClassLoader().getResourceAsStream(resource)) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            // why: a missing or unreadable build record only costs the version in logs and metrics
        }
        return properties;
    }
}
