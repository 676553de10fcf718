package dev.microposts.tasks;

/**
 * Why a task will not be tried again.
 *
 * @param kind a short stable word: a {@link PermanentTaskFailure}'s kind, {@value #TIMED_OUT} when the last
 *     attempt ran past the queue's time limit, {@value #ATTEMPTS_EXHAUSTED} when every attempt failed otherwise,
 *     or {@value #ABANDONED} when the deliveries kept being lost with the process running them (killed, crashed)
 * @param reason in plain words, for the people who see the failure
 */
public record TaskFailure(String kind, String reason) {

    public static final String TIMED_OUT = "timed_out";
    public static final String ATTEMPTS_EXHAUSTED = "attempts_exhausted";
    public static final String ABANDONED = "abandoned";
}
