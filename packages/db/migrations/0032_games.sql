-- Reserved for the games domain (issue 8); its owner replaces this with the domain's tables.
SELECT 1;
