package dev.microposts.ops.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.core.env.PropertyResolver;

/** The name of the machine or container this process runs on, as logs, alerts and samples show it. */
final class HostName {

    private static final Path KERNEL_HOST_NAME = Path.of("/proc/sys/kernel/hostname");

    private HostName() {}

    /**
     * {@code HOSTNAME} when it is set (containers and orchestrators set it), else the name the kernel
     * reports. Interactive shells define {@code HOSTNAME} without exporting it, so a process started from
     * one does not see it and must ask the system.
     */
    static String of(PropertyResolver environment) {
        String configured = environment.getProperty("HOSTNAME", "").strip();
        if (!configured.isEmpty()) {
            return configured;
        }
        try {
            String kernel =
                    Files.readString(KERNEL_HOST_NAME, StandardCharsets.UTF_8).strip();
            if (!kernel.isEmpty()) {
                return kernel;
            }
        } catch (IOException | SecurityException e) {
            // why: not Linux, or /proc hidden; the resolver below knows the name too, only more slowly
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
