package io.relais.production;

import java.util.Map;

import io.relais.platform.web.ApiProblem;
import org.apache.camel.Body;
import org.apache.camel.Header;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/** Binds a farmer (gaveur) to the platform account that signs in for them: that account then sees only their batches. */
@Service("farmerAccounts")
public class FarmerAccounts {

    private final JdbcTemplate jdbc;

    FarmerAccounts(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Map<String, Object> bind(@Header("code") String code, @Body Map<String, Object> body) {
        Object username = body == null ? null : body.get("username");
        if (!(username instanceof String u) || u.isBlank()) throw ApiProblem.invalidField("username", "the farmer's account name");
        Boolean isFarmer = jdbc.queryForObject("select exists (select 1 from platform.users u join platform.user_roles r on r.user_id = u.id "
                + "where u.username = ? and r.role = 'farmer')", Boolean.class, u);
        if (!Boolean.TRUE.equals(isFarmer)) throw ApiProblem.invalidField("username", u + " is not an account with the role farmer");
        int n = jdbc.update("update production.farmers set username = ? where code = ?", u, code);
        if (n == 0) throw ApiProblem.notFound("no farmer " + code);
        return Map.of("farmer", code, "username", u);
    }
}
