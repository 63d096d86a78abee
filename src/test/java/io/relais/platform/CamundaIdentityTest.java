package io.relais.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import io.relais.testsupport.AppTest;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** One identity: Camunda's users and groups are Relais' users and roles; engine REST asks for them over Basic. */
class CamundaIdentityTest extends AppTest {

    @Autowired
    IdentityService identity;
    @Autowired
    ProcessEngineConfiguration engineConfiguration;

    @Test
    void a_relais_manager_is_a_camunda_user_in_the_managers_group() {
        String manager = unique("manager");
        api.post("/api/admin/users", Map.of("username", manager, "password", "approve-all-1", "roles", List.of("manager")),
                api.adminToken());

        assertThat(identity.checkPassword(manager, "approve-all-1")).isTrue();
        assertThat(identity.checkPassword(manager, "wrong-password")).isFalse();
        assertThat(identity.createUserQuery().userId(manager).singleResult()).isNotNull();
        assertThat(identity.createGroupQuery().groupMember(manager).list()).extracting("id").containsExactly("manager");
        assertThat(identity.createUserQuery().memberOfGroup("manager").list()).extracting("id").contains(manager);
        assertThat(engineConfiguration.isAuthorizationEnabled()).isTrue();
    }

    @Test
    void engine_rest_needs_relais_credentials_and_never_demo_demo() {
        String manager = unique("manager");
        api.post("/api/admin/users", Map.of("username", manager, "password", "approve-all-1", "roles", List.of("manager")),
                api.adminToken());

        assertThat(engineRest("/engine-rest/task", manager, "approve-all-1")).isEqualTo(200);
        assertThat(engineRest("/engine-rest/task", manager, "wrong-password")).isEqualTo(401);
        assertThat(engineRest("/engine-rest/task", "demo", "demo")).isEqualTo(401);
        assertThat(engineRest("/engine-rest/user", "admin", ADMIN_PASSWORD)).isEqualTo(200);
    }

    private int engineRest(String path, String user, String password) {
        String basic = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return api.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Basic " + basic).GET(), null).status();
    }
}
