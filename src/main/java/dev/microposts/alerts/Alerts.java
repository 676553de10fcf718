package dev.microposts.alerts;

import java.util.List;

/** The alerts of every process: those firing now and the history. */
public interface Alerts {

    /** Open now, newest first. */
    List<Alert> firing();

    /** The latest firings, resolved or not, newest first. */
    List<Alert> recent(int limit);
}
