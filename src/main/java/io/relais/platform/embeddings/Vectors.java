package io.relais.platform.embeddings;

/** Arithmetic on embedding vectors. */
public final class Vectors {

    private Vectors() {
    }

    /** The vector scaled to length 1 (cosine = dot product); a zero vector stays zero. */
    public static float[] unit(float[] v) {
        double n = 0;
        for (float x : v) n += x * x;
        n = Math.sqrt(n);
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) out[i] = n == 0 ? 0 : (float) (v[i] / n);
        return out;
    }

    public static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }
}
