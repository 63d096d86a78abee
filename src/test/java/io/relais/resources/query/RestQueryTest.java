package io.relais.resources.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import io.relais.platform.web.ApiProblem;
import io.relais.resources.query.RestQuery.Compare;
import io.relais.resources.query.RestQuery.Group;
import org.junit.jupiter.api.Test;

/** PostgREST's query string, read without a database. */
class RestQueryTest {

    private static RestQuery parse(String... pairs) {
        List<String[]> params = new java.util.ArrayList<>();
        for (int i = 0; i < pairs.length; i += 2) params.add(new String[] {pairs[i], pairs[i + 1]});
        return RestQuery.parse(params);
    }

    @Test
    void select_reads_columns_aliases_and_embedded_relations_with_their_hints() {
        var q = parse("select", "id, title,owner:profiles!user_id(username),resource_comments!inner(content,author:profiles(display_name))");
        assertThat(q.select()).hasSize(4);
        assertThat(q.select().get(2).alias()).isEqualTo("owner");
        assertThat(q.select().get(2).embed().hint()).isEqualTo("user_id");
        assertThat(q.select().get(3).embed().inner()).isTrue();
        assertThat(q.select().get(3).embed().fields().get(1).outputName()).isEqualTo("author");
    }

    @Test
    void filters_read_operators_negation_lists_and_nested_logic() {
        var q = parse("title", "ilike.*rose*", "id", "not.in.(a,\"b,c\")", "or", "(type.eq.video,and(view_count.gt.10,visibility.neq.private))");
        assertThat(q.where().get(0)).isEqualTo(new Compare("title", "ilike", "*rose*", false));
        Compare in = (Compare) q.where().get(1);
        assertThat(in.negated()).isTrue();
        assertThat(RestQuery.listValues("id", in.value())).containsExactly("a", "b,c");
        Group or = (Group) q.where().get(2);
        assertThat(or.or()).isTrue();
        assertThat(((Group) or.conditions().get(1)).conditions()).hasSize(2);
    }

    @Test
    void order_and_page_are_read_and_nonsense_is_a_400_naming_the_parameter() {
        var q = parse("order", "created_at.desc.nullslast,title", "limit", "10", "offset", "20");
        assertThat(q.order().get(0).descending()).isTrue();
        assertThat(q.order().get(0).nullsFirst()).isFalse();
        assertThat(q.limit()).isEqualTo(10);
        assertThat(q.offset()).isEqualTo(20);
        for (String[] bad : new String[][] {{"order", "title.sideways"}, {"title", "like"}, {"title", "regex.x"}, {"limit", "ten"},
                {"select", "id,profiles(username"}, {"select", "x\";drop"}, {"or", "title.eq.x"}, {"profiles.username", "eq.x"}}) {
            assertThatThrownBy(() -> parse(bad)).as(String.join("=", bad)).isInstanceOf(ApiProblem.class)
                    .satisfies(e -> assertThat(((ApiProblem) e).status()).isEqualTo(400));
        }
    }

    @Test
    void an_array_literal_quotes_every_element() {
        assertThat(RestSql.arrayLiteral(List.of("a", "b\"c", "d\\e", "null"))).isEqualTo("{\"a\",\"b\\\"c\",\"d\\\\e\",NULL}");
        assertThat(QueryBuilderApi.withRange(parse(), "items=5-14").limit()).isEqualTo(10);
        assertThat(QueryBuilderApi.withRange(parse(), "5-14").offset()).isEqualTo(5);
    }
}
