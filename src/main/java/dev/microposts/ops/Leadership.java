package dev.microposts.ops;

/**
 * Whether this process is the deployment's leader: the one process, of however many run, that does the duties
 * that must happen once (evaluating alerts, trimming the bus log, retrying failed event deliveries, purging
 * expired tokens and old failed logins, folding the counts of quiet posts). A duty asks right before it runs; a process that was frozen past its
 * lease answers no at once, before it knows whether another took over.
 */
public interface Leadership {

    boolean isLeader();
}
