package dev.microposts.ops.internal;

import dev.microposts.ops.Leadership;
import dev.microposts.ops.ProcessRoles;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.stereotype.Component;

/** {@code "microposts": {"roles": ["web", "worker"], "leader": true}} in {@code /actuator/info}. */
@Component
class ProcessInfo implements InfoContributor {

    private final ProcessRoles roles;
    private final Leadership leadership;

    ProcessInfo(ProcessRoles roles, Leadership leadership) {
        this.roles = roles;
        this.leadership = leadership;
    }

    @Override
    public void contribute(Info.Builder builder) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("roles", roles.names());
        details.put("leader", leadership.isLeader());
        builder.withDetail("microposts", details);
    }
}
