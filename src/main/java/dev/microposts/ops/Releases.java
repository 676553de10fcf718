package dev.microposts.ops;

import java.time.Instant;
import java.util.List;

/** The versions deployed over time, from the start record every process leaves. */
public interface Releases {

    /** The starts since {@code from}, oldest first, and the last one before it (what was running then). */
    List<ProcessStart> since(Instant from);

    /**
     * Every process's starts since {@code from} and each process's last start before it (what it ran then), oldest
     * first: who ran which release, where, over a window.
     */
    List<ProcessStart> byProcessSince(Instant from);
}
