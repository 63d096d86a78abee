// The console's words, French first (the seed systems' users write French), English beside them.
const WORDS = {
  fr: {
    skip: 'Aller au contenu', signIn: 'Se connecter', signUp: 'Créer un compte', signOut: 'Se déconnecter', username: 'Identifiant',
    password: 'Mot de passe', noAccount: 'Pas encore de compte ?', haveAccount: 'Déjà un compte ?', language: 'English',
    shop: 'Boutique', production: 'Production', retail: 'Distribution', knowledge: 'Connaissances', ops: 'Exploitation',
    search: 'Rechercher', searchProducts: 'Rechercher un produit (les fautes sont tolérées)', reference: 'Référence', name: 'Nom',
    category: 'Catégorie', price: 'Prix', stock: 'Stock', lowStock: 'stock bas', results: 'résultats', alerts: 'Alertes',
    noAlerts: 'Aucune alerte ouverte.', upload: 'Importer un catalogue (CSV)', preview: 'Aperçu', importNow: 'Importer',
    report: 'Rapport d’import', restock: 'Réapprovisionnement', kpis: 'Indicateurs', forecast: 'Prévision 7/30/90 jours',
    site: 'Site', horizon: 'Horizon (jours)', forecastKg: 'Prévision (kg)', interval: 'Intervalle', clusters: 'Groupes de gaveurs',
    batches: 'Lots', models: 'Entraînements', runs: 'Exécutions ETL', status: 'Statut', started: 'Début', rows: 'Lignes',
    agent: 'Agent : posez une question', ask: 'Demander', answer: 'Réponse', sql: 'SQL', sources: 'Sources',
    ingest: 'Indexer un site', url: 'Adresse', domain: 'Domaine', maxPages: 'Pages au plus', start: 'Lancer',
    question: 'Question', health: 'Santé', backups: 'Sauvegardes', backupNow: 'Sauvegarder maintenant', audit: 'Journal d’audit',
    links: 'Outils', exportCsv: 'CSV', exportXls: 'Excel', print: 'Imprimer', loading: 'Chargement…', error: 'Erreur',
    forbidden: 'Votre rôle ne donne pas accès à cette page.', progress: 'Progression', pages: 'Pages', skipped: 'Ignorées',
    welcome: 'Bienvenue', pick: 'Choisissez une section.', period: 'Période', compareSites: 'Comparer les sites',
    dryRun: 'Aperçu sans écrire', mapping: 'Colonnes reconnues', confidence: 'confiance', rejected: 'rejetées',
  },
  en: {
    skip: 'Skip to content', signIn: 'Sign in', signUp: 'Sign up', signOut: 'Sign out', username: 'Username',
    password: 'Password', noAccount: 'No account yet?', haveAccount: 'Already have an account?', language: 'Français',
    shop: 'Shop', production: 'Production', retail: 'Retail', knowledge: 'Knowledge', ops: 'Operations',
    search: 'Search', searchProducts: 'Search a product (typos are fine)', reference: 'Reference', name: 'Name',
    category: 'Category', price: 'Price', stock: 'Stock', lowStock: 'low stock', results: 'results', alerts: 'Alerts',
    noAlerts: 'No open alert.', upload: 'Import a catalog (CSV)', preview: 'Preview', importNow: 'Import',
    report: 'Import report', restock: 'Restock', kpis: 'Indicators', forecast: '7/30/90-day forecast',
    site: 'Site', horizon: 'Horizon (days)', forecastKg: 'Forecast (kg)', interval: 'Interval', clusters: 'Farmer clusters',
    batches: 'Batches', models: 'Training runs', runs: 'ETL runs', status: 'Status', started: 'Started', rows: 'Rows',
    agent: 'Agent: ask a question', ask: 'Ask', answer: 'Answer', sql: 'SQL', sources: 'Sources',
    ingest: 'Index a site', url: 'URL', domain: 'Domain', maxPages: 'At most pages', start: 'Start',
    question: 'Question', health: 'Health', backups: 'Backups', backupNow: 'Back up now', audit: 'Audit log',
    links: 'Tools', exportCsv: 'CSV', exportXls: 'Excel', print: 'Print', loading: 'Loading…', error: 'Error',
    forbidden: 'Your role does not open this page.', progress: 'Progress', pages: 'Pages', skipped: 'Skipped',
    welcome: 'Welcome', pick: 'Pick a section.', period: 'Period', compareSites: 'Compare sites',
    dryRun: 'Preview without writing', mapping: 'Recognised columns', confidence: 'confidence', rejected: 'rejected',
  },
};

/** The pages' own French words (table headers, titles): their English, looked up by the French itself. */
const ENGLISH = {
  Raison: 'Reason',
  Lot: 'Batch',
  Gaveur: 'Farmer',
  'Étape': 'Step',
  Par: 'By',
  Canards: 'Ducks',
  Abattoir: 'Abattoir',
  Commandes: 'Orders',
  'Abattages planifiés': 'Planned slaughter',
  'Évolution': 'Change',
  'Total (€)': 'Total (€)',
  Texte: 'Text',
  Souche: 'Strain',
  Score: 'Score',
  'Résultat': 'Outcome',
  'Règle': 'Rule',
  'Rejetées': 'Rejected',
  Qui: 'Who',
  'Quantité': 'Quantity',
  Quand: 'When',
  Processus: 'Process',
  Pourquoi: 'Why',
  Octets: 'Bytes',
  Niveau: 'Level',
  Motif: 'Reason',
  Mesure: 'Measured',
  Lues: 'Read',
  Ligne: 'Line',
  Jour: 'Day',
  'ITM 3 mois précédents': 'ITM, 3 months before',
  'ITM 3 derniers mois': 'ITM, last 3 months',
  'Gravité': 'Severity',
  Gaveurs: 'Farmers',
  'Foie moyen (g)': 'Mean liver (g)',
  Fin: 'End',
  'Détail': 'Detail',
  'Contrôle': 'Check',
  Colonne: 'Column',
  Client: 'Customer',
  Cible: 'Target',
  'Chargées': 'Loaded',
  Champ: 'Field',
  Action: 'Action',
  Type: 'Type',
  'Tableau de bord': 'Dashboard',
  'Réentraîner maintenant': 'Retrain now',
  'Qualité': 'Quality',
  'Qualité des données (dernière exécution)': 'Data quality (latest run)',
  'Planifier maintenant': 'Plan now',
  Plan: 'Plan',
  'Lots par abattoir et par jour': 'Batches per abattoir and day',
  Livraison: 'Delivery',
  'Lignes rejetées par règle': 'Lines rejected by rule',
  'Durée des étapes': 'Step durations',
  'Contrôles': 'Checks',
  Anomalies: 'Anomalies',
  'Production (kg)': 'Production (kg)',
  'Lots actifs': 'Active batches',
  'Gaveurs actifs': 'Active farmers',
  'ITM moyen': 'Mean ITM',
  'Sigma moyen (g)': 'Mean sigma (g)',
  'Mortalité (%)': 'Mortality (%)',
  Alertes: 'Alerts',
  'Top 10 des produits par CA': 'Top 10 products by revenue',
  'Top 10 des clients par CA': 'Top 10 customers by revenue',
  'Top 10 des pays par CA': 'Top 10 countries by revenue',
  Groupe: 'Group',
};

let lang = localStorage.getItem('relais.lang') || 'fr';

export function t(key) {
  if (WORDS[lang] && WORDS[lang][key]) return WORDS[lang][key];
  if (lang === 'en' && ENGLISH[key]) return ENGLISH[key];
  return WORDS.fr[key] || key;
}

export function language() {
  return lang;
}

export function switchLanguage() {
  lang = lang === 'fr' ? 'en' : 'fr';
  localStorage.setItem('relais.lang', lang);
  document.documentElement.lang = lang;
}
