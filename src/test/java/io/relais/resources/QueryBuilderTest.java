package io.relais.resources;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import io.relais.testsupport.Api;
import io.relais.testsupport.AppTest;
import org.junit.jupiter.api.Test;

/**
 * The query builder over HTTP (PostgREST's dialect, as the app's client and supabase-js send it), with the row rules
 * enforced by PostgreSQL: what a caller may not see is absent, what they may not change is refused or untouched.
 */
class QueryBuilderTest extends AppTest {

    private Api.Response call(String method, String pathAndQuery, String body, String token, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/rest/v1/" + pathAndQuery))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) request.header("Content-Type", "application/json");
        for (int i = 0; i < headers.length; i += 2) request.header(headers[i], headers[i + 1]);
        return api.send(request, token);
    }

    private static String q(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Test
    void a_private_resource_is_invisible_and_unchangeable_to_another_user_through_the_query_builder() {
        String aliceName = unique("alice");
        String alice = api.signup(aliceName, "rosebush-42").text("access_token");
        String mallory = api.signup(unique("mallory"), "rosebush-42").text("access_token");
        String secret = api.post("/api/resources", Map.of("title", "Secret seed list " + unique("s"), "visibility", "private"), alice).text("id");
        String open = api.post("/api/resources", Map.of("title", "Open seed list " + unique("o")), alice).text("id");

        var mine = call("GET", "resources?id=in.(" + secret + "," + open + ")&select=id,title,visibility", null, alice);
        assertThat(mine.status()).as(mine.raw().body()).isEqualTo(200);
        assertThat(mine.body()).hasSize(2);

        var theirs = call("GET", "resources?id=in.(" + secret + "," + open + ")&select=id", null, mallory);
        assertThat(theirs.status()).isEqualTo(200);
        assertThat(theirs.body()).hasSize(1);
        assertThat(theirs.body().get(0).get("id").asText()).isEqualTo(open);
        assertThat(call("GET", "resources?id=eq." + secret, null, null).body()).isEmpty();
        assertThat(call("GET", "resources?select=id&or=(" + q("title.ilike.*Secret seed*") + ",id.eq." + secret + ")", null, mallory).body()).isEmpty();

        var steal = call("PATCH", "resources?id=eq." + secret, "{\"title\":\"mine now\"}", mallory, "Prefer", "return=representation");
        assertThat(steal.status()).isEqualTo(200);
        assertThat(steal.body()).isEmpty();
        var deface = call("PATCH", "resources?id=eq." + open, "{\"title\":\"defaced\"}", mallory, "Prefer", "return=representation");
        assertThat(deface.body()).isEmpty();
        assertThat(call("DELETE", "resources?id=eq." + open, null, mallory).status()).isEqualTo(204);
        assertThat(api.get("/api/resources/" + open, alice).text("title")).startsWith("Open seed list");
        String aliceProfile = call("GET", "profiles?select=id&username=eq." + aliceName, null, mallory).body().get(0).get("id").asText();
        var forged = call("POST", "resources", "{\"title\":\"forged\",\"user_id\":\"" + aliceProfile + "\"}", mallory);
        assertThat(forged.status()).isIn(403, 404);
        assertThat(call("POST", "resource_comments", "{\"resource_id\":\"" + secret + "\",\"content\":\"peek\"}", mallory).status()).isEqualTo(403);
        assertThat(call("GET", "profiles?select=email", null, mallory).status()).isEqualTo(400);
        assertThat(call("GET", "legacy_ids", null, mallory).status()).isEqualTo(404);

        var renamed = call("PATCH", "resources?id=eq." + secret, "{\"title\":\"Renamed by its owner\"}", alice, "Prefer", "return=representation");
        assertThat(renamed.body().get(0).get("title").asText()).isEqualTo("Renamed by its owner");
        assertThat(call("PATCH", "resources?id=eq." + secret, "{\"view_count\":1000000}", alice).status()).isEqualTo(400);
        assertThat(call("POST", "resources", "{\"title\":\"Top of the charts\",\"view_count\":1000000000}", mallory).status()).isEqualTo(400);
        // a row is not moved onto a resource its author may not see
        String note = call("POST", "resource_comments?select=id", "{\"resource_id\":\"" + open + "\",\"content\":\"nice\"}", mallory,
                "Prefer", "return=representation").body().get(0).get("id").asText();
        var moved = call("PATCH", "resource_comments?id=eq." + note, "{\"resource_id\":\"" + secret + "\"}", mallory);
        assertThat(moved.status()).isEqualTo(400);
        assertThat(moved.body().at("/errors/0/field").asText()).isEqualTo("body");
        String aliceNote = call("POST", "resource_comments?select=id", "{\"resource_id\":\"" + secret + "\",\"content\":\"mine\"}", alice,
                "Prefer", "return=representation").body().get(0).get("id").asText();
        assertThat(call("POST", "resource_comments", "{\"resource_id\":\"" + open + "\",\"parent_id\":\"" + aliceNote
                + "\",\"content\":\"reply across\"}", mallory).status()).isEqualTo(403);
    }

    @Test
    void select_embeds_related_rows_filters_orders_counts_and_pages() {
        String owner = unique("gardener");
        String token = api.signup(owner, "rosebush-42").text("access_token");
        String tag = unique("tag");
        for (int i = 1; i <= 3; i++) {
            var r = call("POST", "resources", "{\"title\":\"Pruning guide " + i + "\",\"tags\":[\"" + tag + "\"],\"type\":\"document\"}", token,
                    "Prefer", "return=representation");
            assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
            assertThat(r.body().get(0).get("user_id").asText()).isNotBlank();
        }
        String first = call("GET", "resources?select=id&tags=cs." + q("{" + tag + "}") + "&order=title.asc&limit=1", null, token).body().get(0).get("id").asText();
        assertThat(call("POST", "resource_comments", "{\"resource_id\":\"" + first + "\",\"content\":\"Sharp shears first\"}", token).status())
                .isEqualTo(201);

        var page = call("GET", "resources?select=" + q("id,title,owner:profiles(username),resource_comments(content)")
                + "&tags=cs." + q("{" + tag + "}") + "&order=title.desc&offset=1&limit=1", null, token, "Prefer", "count=exact");
        assertThat(page.status()).as(page.raw().body()).isEqualTo(200);
        assertThat(page.header("Content-Range")).isEqualTo("1-1/3");
        assertThat(page.body().get(0).get("title").asText()).isEqualTo("Pruning guide 2");
        assertThat(page.body().get(0).at("/owner/username").asText()).isEqualTo(owner);

        var one = call("GET", "resources?select=" + q("title,resource_comments(content)") + "&id=eq." + first, null, token,
                "Accept", "application/vnd.pgrst.object+json");
        assertThat(one.body().isObject()).isTrue();
        assertThat(one.body().at("/resource_comments/0/content").asText()).isEqualTo("Sharp shears first");
        assertThat(call("GET", "resources?tags=cs." + q("{" + tag + "}"), null, token, "Accept", "application/vnd.pgrst.object+json").status())
                .isEqualTo(406);
        assertThat(call("GET", "resources?title=ilike." + q("*pruning guide*") + "&tags=cs." + q("{" + tag + "}") + "&type=eq.document",
                null, token, "Range", "0-1").body()).hasSize(2);

        var stats = call("POST", "rpc/get_resource_stats", "{\"resource_id\":\"" + first + "\"}", token);
        assertThat(stats.status()).as(stats.raw().body()).isEqualTo(200);
        assertThat(stats.body().get("comments").asInt()).isEqualTo(1);
        assertThat(call("POST", "rpc/increment_view_count", "{\"resource_id\":\"" + first + "\"}", null).status()).isEqualTo(401);
        assertThat(call("GET", "rpc/increment_view_count?resource_id=" + first, null, token).status()).isEqualTo(405);
        assertThat(call("POST", "rpc/increment_view_count", "{\"resource_id\":\"" + first + "\"}", token).body().asInt()).isEqualTo(1);
        assertThat(call("GET", "rpc/search_resources?query=" + q("Pruning guide") + "&max_results=2", null, token).body()).hasSize(2);
    }

    @Test
    void bad_requests_are_400s_naming_what_is_wrong_never_500s() {
        String token = api.signup(unique("hostile"), "rosebush-42").text("access_token");
        for (String query : List.of("resources?select=nope", "resources?title=eq", "resources?title=zz.x", "resources?order=title.sideways",
                "resources?select=" + q("id,profiles(") , "resources?select=" + q("x\";drop table resources.resources;--"),
                "resources?view_count=eq.many", "resources?id=in.1,2", "resources?limit=-1", "resources?title=cs.x",
                "resources?select=" + q("nothing(id)"), "rpc/get_resource_stats?nope=1")) {
            var answer = call("GET", query, null, token);
            assertThat(answer.status()).as(query + " -> " + answer.raw().body()).isBetween(400, 404);
            assertThat(answer.contentType()).startsWith("application/problem+json");
        }
        assertThat(call("PATCH", "resources", "{\"title\":\"all of them\"}", token).status()).isEqualTo(400);
        assertThat(call("DELETE", "resource_comments", null, token).status()).isEqualTo(400);
        assertThat(call("POST", "resources", "[1,2]", token).status()).isEqualTo(400);
        assertThat(call("POST", "resources", "{\"title\":\"x\",\"id\":\"" + "a".repeat(40) + "\"}", token).status()).isBetween(400, 404);
        assertThat(call("POST", "resources", "{\"title\":\"anonymous\"}", null).status()).isEqualTo(401);
    }
}
