package io.relais.production.planning;

import java.util.Arrays;

/**
 * The assignment problem (Hungarian algorithm, Jonker-Volgenant shortest augmenting paths, O(n² m)): each row (a
 * batch) to at most one column (an abattoir day-slot), every row assigned when possible, least total cost.
 * Rectangular matrices are fine (rows <= columns is the usual case; more rows than columns leaves some rows
 * unassigned). A forbidden pair is {@link Double#POSITIVE_INFINITY}: never chosen; a row that can only be placed on
 * forbidden cells stays unassigned (-1).
 */
public final class Hungarian {

    private static final double FORBIDDEN_COST = 1e15;

    private Hungarian() {
    }

    /** Column assigned to each row, or -1. */
    public static int[] solve(double[][] cost) {
        int rows = cost.length;
        if (rows == 0) return new int[0];
        int cols = cost[0].length;
        boolean transpose = rows > cols;
        double[][] a = transpose ? transpose(cost) : cost;
        int n = a.length, m = a[0].length; // n <= m
        double[] u = new double[n + 1], v = new double[m + 1];
        int[] p = new int[m + 1], way = new int[m + 1];
        for (int i = 1; i <= n; i++) {
            p[0] = i;
            int j0 = 0;
            double[] minv = new double[m + 1];
            Arrays.fill(minv, Double.POSITIVE_INFINITY);
            boolean[] used = new boolean[m + 1];
            do {
                used[j0] = true;
                int i0 = p[j0], j1 = -1;
                double delta = Double.POSITIVE_INFINITY;
                for (int j = 1; j <= m; j++) {
                    if (used[j]) continue;
                    double c = a[i0 - 1][j - 1];
                    double cur = (Double.isInfinite(c) ? FORBIDDEN_COST : c) - u[i0] - v[j];
                    if (cur < minv[j]) {
                        minv[j] = cur;
                        way[j] = j0;
                    }
                    if (minv[j] < delta) {
                        delta = minv[j];
                        j1 = j;
                    }
                }
                for (int j = 0; j <= m; j++) {
                    if (used[j]) {
                        u[p[j]] += delta;
                        v[j] -= delta;
                    } else {
                        minv[j] -= delta;
                    }
                }
                j0 = j1;
            } while (p[j0] != 0);
            do {
                int j1 = way[j0];
                p[j0] = p[j1];
                j0 = j1;
            } while (j0 != 0);
        }
        int[] rowToCol = new int[n];
        Arrays.fill(rowToCol, -1);
        for (int j = 1; j <= m; j++) if (p[j] != 0) rowToCol[p[j] - 1] = j - 1;
        // a forbidden cell is only taken when nothing else was possible: such a row is not placed
        for (int i = 0; i < n; i++) if (rowToCol[i] >= 0 && Double.isInfinite(a[i][rowToCol[i]])) rowToCol[i] = -1;
        if (!transpose) return rowToCol;
        int[] result = new int[rows];
        Arrays.fill(result, -1);
        for (int i = 0; i < n; i++) if (rowToCol[i] >= 0) result[rowToCol[i]] = i;
        return result;
    }

    public static double total(double[][] cost, int[] assignment) {
        double t = 0;
        for (int i = 0; i < assignment.length; i++) if (assignment[i] >= 0) t += cost[i][assignment[i]];
        return t;
    }

    private static double[][] transpose(double[][] c) {
        double[][] t = new double[c[0].length][c.length];
        for (int i = 0; i < c.length; i++) for (int j = 0; j < c[0].length; j++) t[j][i] = c[i][j];
        return t;
    }
}
