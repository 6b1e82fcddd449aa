"""The money of running grants: the quarterly calculation from the RSZ declarations
(`calculation`), the payment runs staff approve with their e-mails (`runs`) and SEPA file (`sepa`),
and the applicant's Berekeningen tab with its CSV (`statements`)."""
