package io.relais.resources;

import java.util.List;

import io.relais.resources.ResourceViews.Category;
import io.relais.resources.ResourceViews.Popular;
import io.relais.resources.ResourceViews.TagCount;
import com.fasterxml.jackson.core.type.TypeReference;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** What a visitor browses by, every list cached (Redis) until a write changes it: the category tree, tags by use, the most viewed. */
@Service("resourceCatalogue")
public class ResourceCatalogue {

    private final JdbcClient jdbc;
    private final ReadCache cache;

    ResourceCatalogue(JdbcClient jdbc, ReadCache cache) {
        this.jdbc = jdbc;
        this.cache = cache;
    }

    public List<Category> categories() {
        return cache.get("categories", new TypeReference<>() { }, () -> jdbc.sql("select id, name, parent_id, position "
                + "from resources.category_hierarchy order by parent_id nulls first, position").query(Category.ROWS).list());
    }

    public List<TagCount> tags() {
        return cache.get("tags", new TypeReference<>() { }, () -> jdbc.sql("select tag, count(*) as resources from resources.resources, "
                + "unnest(tags) tag where visibility = 'public' group by tag order by count(*) desc, tag limit 100").query(TagCount.ROWS).list());
    }

    public List<Popular> popular() {
        return cache.get("popular", new TypeReference<>() { }, () -> jdbc.sql("select id, title, view_count from resources.resources "
                + "where visibility = 'public' order by view_count desc, created_at desc limit 20").query(Popular.ROWS).list());
    }
}
