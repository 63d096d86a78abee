package io.relais.platform.security;

import java.util.Set;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** The bodies the auth endpoints accept (declared as REST DSL types in routes/platform/auth-api.camel.yaml). */
public final class AuthRequests {

    private AuthRequests() {
    }

    public record Signup(
            @NotBlank @Pattern(regexp = "[A-Za-z0-9._-]{3,64}", message = "3 to 64 letters, digits, '.', '_' or '-'") String username,
            @NotBlank @Size(min = 8, max = 128, message = "must be 8 to 128 characters") String password,
            @NotBlank @Email String email,
            @JsonAlias("display_name") String displayName) {
    }

    public record Signin(@NotBlank @JsonAlias("email") String username, @NotBlank String password) {
    }

    public record Refresh(@NotBlank @JsonProperty("refresh_token") @JsonAlias("refreshToken") String refreshToken) {
    }

    public record Signout(@JsonProperty("refresh_token") @JsonAlias("refreshToken") String refreshToken) {
    }

    /** An admin creating an account with roles (e.g. a manager who will use Tasklist). */
    public record NewUser(
            @NotBlank @Pattern(regexp = "[A-Za-z0-9._-]{3,64}", message = "3 to 64 letters, digits, '.', '_' or '-'") String username,
            @NotBlank @Size(min = 8, max = 128, message = "must be 8 to 128 characters") String password,
            @Email String email,
            String displayName,
            Set<@Pattern(regexp = "admin|manager|farmer|customer", message = "must be admin, manager, farmer or customer") String> roles) {
    }

    /**
     * {@code POST /api/auth/oauth/{provider}}: {@code {redirectTo, codeChallenge}} starts an app's sign-in (PKCE, S256);
     * {@code {code, codeVerifier}} exchanges the code the app was sent back with for its tokens.
     */
    public record OAuth(@Size(max = 2000) String redirectTo, @Size(max = 200) String codeChallenge, @Size(max = 200) String code,
                        @Size(max = 200) String codeVerifier) {
    }
}
