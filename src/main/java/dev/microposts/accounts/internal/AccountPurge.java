package dev.microposts.accounts.internal;

import dev.microposts.bus.EventDeliveries;
import dev.microposts.ops.Leadership;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The last step of deleting an account: its row goes once every listener of its {@code user.deleted} event has
 * applied it. Not before, because the rows other modules delete from (a video's, naming the files to remove) would
 * go with it by foreign key, and with them the only record of what to delete elsewhere. Whatever still refers to the
 * account then goes by foreign key, including tables added later that no listener knows of. A leader's duty, so
 * one process does it for the deployment.
 */
@Component
class AccountPurge {

    private static final Logger log = LoggerFactory.getLogger(AccountPurge.class);
    private static final int BATCH = 100;

    private final Accounts accounts;
    private final EventDeliveries deliveries;
    private final LoginThrottle throttle;
    private final Leadership leadership;
    private final TransactionTemplate transactions;

    AccountPurge(
            Accounts accounts,
            EventDeliveries deliveries,
            LoginThrottle throttle,
            Leadership leadership,
            TransactionTemplate transactions) {
        this.accounts = accounts;
        this.deliveries = deliveries;
        this.throttle = throttle;
        this.leadership = leadership;
        this.transactions = transactions;
    }

    @Scheduled(fixedDelayString = "PT2S", initialDelayString = "PT10S")
    void deleteFinished() {
        if (!leadership.isLeader()) {
            return;
        }
        try {
            for (Accounts.Deleted account : accounts.markedDeleted(BATCH)) {
                if (account.event() == null || deliveries.appliedEverywhere(account.event())) {
                    transactions.executeWithoutResult(status -> {
                        // why: a wrong password typed after the deletion was recorded under the name too
                        throttle.forget(account.id(), account.username());
                        accounts.deleteMarked(account.id());
                    });
                }
            }
        } catch (RuntimeException e) {
            log.warn("Deleting the rows of deleted accounts failed; trying again shortly ({})", e.toString());
        }
    }
}
