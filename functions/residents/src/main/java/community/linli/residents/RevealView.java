package community.linli.residents;

/** A resident's ID number and phone in full, and the audit record that says who saw them and why. */
record RevealView(String id, String idNumber, String phone, String auditId) {}
