package io.relais.production.models;

import java.util.Locale;

/**
 * Ordinary least squares with an intercept (normal equations, Gaussian elimination with partial pivoting and a tiny
 * ridge for stability), published as a readable formula: {@code itm = 2.31 + 0.0042 × dose_total - 0.11 × days}.
 */
public final class LinearRegression {

    private final String target;
    private final String[] features;
    private final double[] coefficients; // [intercept, b1..bk]

    private LinearRegression(String target, String[] features, double[] coefficients) {
        this.target = target;
        this.features = features;
        this.coefficients = coefficients;
    }

    public static LinearRegression fit(String target, String[] features, double[][] x, double[] y) {
        int k = features.length + 1;
        double[][] xtx = new double[k][k];
        double[] xty = new double[k];
        for (int r = 0; r < x.length; r++) {
            double[] row = new double[k];
            row[0] = 1;
            System.arraycopy(x[r], 0, row, 1, features.length);
            for (int i = 0; i < k; i++) {
                xty[i] += row[i] * y[r];
                for (int j = 0; j < k; j++) xtx[i][j] += row[i] * row[j];
            }
        }
        for (int i = 1; i < k; i++) xtx[i][i] += 1e-9 * Math.max(1, xtx[i][i]);
        return new LinearRegression(target, features, solve(xtx, xty));
    }

    public double predict(double[] x) {
        double y = coefficients[0];
        for (int i = 0; i < features.length; i++) y += coefficients[i + 1] * x[i];
        return y;
    }

    public double[] coefficients() {
        return coefficients.clone();
    }

    public String formula() {
        StringBuilder f = new StringBuilder(target).append(" = ").append(number(coefficients[0]));
        for (int i = 0; i < features.length; i++) {
            double c = coefficients[i + 1];
            f.append(c < 0 ? " - " : " + ").append(number(Math.abs(c))).append(" × ").append(features[i]);
        }
        return f.toString();
    }

    /** R² and mean absolute error on the given rows. */
    public double[] evaluate(double[][] x, double[] y) {
        double mean = 0;
        for (double v : y) mean += v;
        mean /= y.length;
        double ssRes = 0, ssTot = 0, abs = 0;
        for (int i = 0; i < y.length; i++) {
            double e = y[i] - predict(x[i]);
            ssRes += e * e;
            ssTot += (y[i] - mean) * (y[i] - mean);
            abs += Math.abs(e);
        }
        return new double[] {ssTot == 0 ? 0 : 1 - ssRes / ssTot, abs / y.length};
    }

    private static String number(double v) {
        double a = Math.abs(v);
        if (a != 0 && (a < 0.001 || a >= 100_000)) return String.format(Locale.ROOT, "%.3e", v);
        return String.format(Locale.ROOT, a < 1 ? "%.4f" : "%.3f", v);
    }

    static double[] solve(double[][] a, double[] b) {
        int n = b.length;
        double[][] m = new double[n][];
        for (int i = 0; i < n; i++) m[i] = a[i].clone();
        double[] r = b.clone();
        for (int col = 0; col < n; col++) {
            int pivot = col;
            for (int i = col + 1; i < n; i++) if (Math.abs(m[i][col]) > Math.abs(m[pivot][col])) pivot = i;
            double[] t = m[col];
            m[col] = m[pivot];
            m[pivot] = t;
            double tb = r[col];
            r[col] = r[pivot];
            r[pivot] = tb;
            if (Math.abs(m[col][col]) < 1e-12) continue;
            for (int i = col + 1; i < n; i++) {
                double f = m[i][col] / m[col][col];
                for (int j = col; j < n; j++) m[i][j] -= f * m[col][j];
                r[i] -= f * r[col];
            }
        }
        double[] x = new double[n];
        for (int i = n - 1; i >= 0; i--) {
            double s = r[i];
            for (int j = i + 1; j < n; j++) s -= m[i][j] * x[j];
            x[i] = Math.abs(m[i][i]) < 1e-12 ? 0 : s / m[i][i];
        }
        return x;
    }
}
