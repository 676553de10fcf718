package dev.microposts.ops;

import java.util.OptionalDouble;

/**
 * Figures that each process measures for itself, taken across every process of the deployment from the samples
 * they write, so the leader can judge them for all: a server error in a web process the leader is not shows here.
 */
public interface DeploymentMetrics {

    /**
     * The share of requests answered with a server error, across the latest sample of every process; empty when
     * those samples hold fewer than {@code minRequests} requests.
     */
    OptionalDouble serverErrorRate(long minRequests);

    /** The smallest share of free disk where a process keeps its data directory, in the latest samples. */
    OptionalDouble lowestDiskFree();
}
