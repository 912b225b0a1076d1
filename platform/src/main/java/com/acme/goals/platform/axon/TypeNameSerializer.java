package com.acme.goals.platform.axon;

import com.acme.goals.contracts.EventTypes;
import org.axonframework.serialization.Converter;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;

/**
 * Stores published events under their stable type name ({@code goal.GoalSet}) instead of the Java class
 * name, so a class can move or be renamed without breaking stored events. Types that are not published
 * (aggregate snapshots, tokens) pass through with their class name.
 */
public class TypeNameSerializer implements Serializer {

    private final Serializer delegate;

    public TypeNameSerializer(Serializer delegate) {
        this.delegate = delegate;
    }

    @Override
    public <T> SerializedObject<T> serialize(Object object, Class<T> expectedRepresentation) {
        SerializedObject<T> serialized = delegate.serialize(object, expectedRepresentation);
        SerializedType named = named(serialized.getType());
        return new SimpleSerializedObject<>(serialized.getData(), serialized.getContentType(), named);
    }

    @Override
    public <T> boolean canSerializeTo(Class<T> expectedRepresentation) {
        return delegate.canSerializeTo(expectedRepresentation);
    }

    @Override
    public <S, T> T deserialize(SerializedObject<S> serializedObject) {
        SerializedType javaType = javaType(serializedObject.getType());
        return delegate.deserialize(new SimpleSerializedObject<>(serializedObject.getData(),
                serializedObject.getContentType(), javaType));
    }

    @Override
    public Class classForType(SerializedType type) {
        return delegate.classForType(javaType(type));
    }

    @Override
    public SerializedType typeForClass(Class type) {
        return named(delegate.typeForClass(type));
    }

    @Override
    public Converter getConverter() {
        return delegate.getConverter();
    }

    private SerializedType named(SerializedType javaType) {
        return EventTypes.all().stream()
                .filter(t -> t.javaType().getName().equals(javaType.getName()))
                .findFirst()
                .<SerializedType>map(t -> new SimpleSerializedType(t.name(), t.schemaVersion()))
                .orElse(javaType);
    }

    private SerializedType javaType(SerializedType stored) {
        return EventTypes.byName(stored.getName())
                .<SerializedType>map(t -> new SimpleSerializedType(t.javaType().getName(), stored.getRevision()))
                .orElse(stored);
    }
}
