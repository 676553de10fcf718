package dev.microposts.ops;

import java.time.Instant;
import java.util.List;

/** The versions deployed over time, from the start record every process leaves. */
public interface Releases {

    /** The starts since {@code from}, oldest first, and the last one before it (what was running then). */
    List<ProcessStart> since(Instant from);
}
