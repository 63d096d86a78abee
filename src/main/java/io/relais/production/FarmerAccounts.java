package io.relais.production;

import java.util.Map;

import io.relais.platform.web.ApiProblem;
import org.apache.camel.Body;
import org.apache.camel.Header;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** Binds a farmer (gaveur) to the platform account that signs in for them: that account then sees only their batches. */
@Service("farmerAccounts")
public class FarmerAccounts {

    private final JdbcClient jdbc;

    FarmerAccounts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Map<String, Object> bind(@Header("code") String code, @Body Map<String, Object> body) {
        Object username = body == null ? null : body.get("username");
        if (!(username instanceof String u) || u.isBlank()) throw ApiProblem.invalidField("username", "the farmer's account name");
        boolean isFarmer = jdbc.sql("select exists (select 1 from platform.users u join platform.user_roles r on r.user_id = u.id "
                + "where u.username = :username and r.role = 'farmer')").param("username", u).query(Boolean.class).single();
        if (!isFarmer) throw ApiProblem.invalidField("username", u + " is not an account with the role farmer");
        int n = jdbc.sql("update production.farmers set username = :username where code = :code").param("username", u).param("code", code).update();
        if (n == 0) throw ApiProblem.notFound("no farmer " + code);
        return Map.of("farmer", code, "username", u);
    }
}
