package io.relais.platform.camunda;

import static org.camunda.bpm.engine.authorization.Authorization.ANY;
import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.ProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.authorization.TaskPermissions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;

/**
 * What each Relais role may do in Camunda (the "admin" group has everything through the administrator plugin).
 * Managers work in Tasklist and watch in Cockpit; farmers and customers see Tasklist (tasks given to them).
 * Grants are created once and left alone after, so an admin's edits in Camunda Admin stick.
 */
class CamundaGroupAuthorizations implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(CamundaGroupAuthorizations.class);

    private final AuthorizationService authorizations;

    CamundaGroupAuthorizations(AuthorizationService authorizations) {
        this.authorizations = authorizations;
    }

    @Override
    public void afterPropertiesSet() {
        grant("manager", Resources.APPLICATION, "tasklist", Permissions.ACCESS);
        grant("manager", Resources.APPLICATION, "cockpit", Permissions.ACCESS);
        grant("manager", Resources.PROCESS_DEFINITION, ANY, ProcessDefinitionPermissions.READ,
                ProcessDefinitionPermissions.READ_INSTANCE, ProcessDefinitionPermissions.READ_HISTORY,
                ProcessDefinitionPermissions.READ_TASK, ProcessDefinitionPermissions.UPDATE_TASK,
                ProcessDefinitionPermissions.CREATE_INSTANCE);
        grant("manager", Resources.PROCESS_INSTANCE, ANY, ProcessInstancePermissions.READ,
                ProcessInstancePermissions.CREATE);
        grant("manager", Resources.TASK, ANY, TaskPermissions.READ, TaskPermissions.UPDATE);
        grant("manager", Resources.DECISION_DEFINITION, ANY, Permissions.READ);
        grant("manager", Resources.DEPLOYMENT, ANY, Permissions.READ);
        grant("manager", Resources.HISTORIC_TASK, ANY, Permissions.READ);
        grant("manager", Resources.HISTORIC_PROCESS_INSTANCE, ANY, Permissions.READ);
        for (String group : new String[] {"manager", "farmer", "customer"}) {
            grant(group, Resources.FILTER, ANY, Permissions.READ);
        }
        grant("farmer", Resources.APPLICATION, "tasklist", Permissions.ACCESS);
        grant("farmer", Resources.PROCESS_DEFINITION, ANY, ProcessDefinitionPermissions.READ);
    }

    private void grant(String group, Resource resource, String resourceId, Permission... permissions) {
        long existing = authorizations.createAuthorizationQuery().groupIdIn(group)
                .resourceType(resource).resourceId(resourceId).count();
        if (existing > 0) return;
        Authorization authorization = authorizations.createNewAuthorization(AUTH_TYPE_GRANT);
        authorization.setGroupId(group);
        authorization.setResource(resource);
        authorization.setResourceId(resourceId);
        for (Permission p : permissions) authorization.addPermission(p);
        try {
            authorizations.saveAuthorization(authorization);
            log.debug("Camunda: granted group '{}' {} on {} '{}'", group, java.util.Arrays.toString(permissions),
                    resource.resourceName(), resourceId);
        } catch (RuntimeException e) {
            log.debug("Camunda authorization for '{}' was created by another node: {}", group, e.getMessage());
        }
    }
}
