package io.relais.platform.web;

import java.io.IOException;
import java.sql.Array;
import java.sql.SQLException;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import org.postgresql.util.PGobject;
import org.springframework.stereotype.Component;

/**
 * JSON for the SQL values that rows read with {@code queryForList} carry: a {@code java.sql.Array} is written as a JSON
 * array, a {@code PGobject} (jsonb, enums...) as its JSON or its text. Without it such a value fails the serialisation
 * after the status is sent, and the client gets an empty 500 instead of the answer. Spring Boot registers every
 * Jackson {@code Module} bean.
 */
@Component
public class SqlValuesJsonModule extends SimpleModule {

    public SqlValuesJsonModule() {
        super("relais-sql-values");
        addSerializer(Array.class, new JsonSerializer<>() {
            @Override
            public void serialize(Array value, JsonGenerator gen, SerializerProvider provider) throws IOException {
                try {
                    provider.defaultSerializeValue(value.getArray(), gen);
                } catch (SQLException e) {
                    throw new IOException("unreadable SQL array: " + e.getMessage(), e);
                }
            }
        });
        addSerializer(PGobject.class, new JsonSerializer<>() {
            @Override
            public void serialize(PGobject value, JsonGenerator gen, SerializerProvider provider) throws IOException {
                String v = value.getValue();
                if (v == null) gen.writeNull();
                else if ("json".equals(value.getType()) || "jsonb".equals(value.getType())) gen.writeRawValue(v);
                else gen.writeString(v);
            }
        });
    }
}
