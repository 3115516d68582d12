/** /api/categories: the category tree of each request type, for the caller's company. */
import { CategoriesQuery, type CategoryNode, CategoryTree, type RequestType } from '@wuye/contracts';
import { and, asc, eq } from 'drizzle-orm';
import { ANY_STAFF } from '../../platform/access.ts';
import type { Db } from '../../platform/db.ts';
import type { App } from '../../platform/http.ts';
import { categories } from './categories.table.ts';

export async function categoryTree(db: Db, companyId: string, type?: RequestType): Promise<CategoryNode[]> {
  const conds = [eq(categories.companyId, companyId)];
  if (type) conds.push(eq(categories.type, type));
  const list = await db
    .select()
    .from(categories)
    .where(and(...conds))
    .orderBy(asc(categories.type), asc(categories.sort), asc(categories.name));
  const nodes = new Map<string, CategoryNode>();
  for (const c of list)
    nodes.set(c.id, {
      id: c.id,
      name: c.name,
      code: c.code,
      type: c.type as RequestType,
      emergency: c.emergency,
      children: [],
    });
  const roots: CategoryNode[] = [];
  for (const c of list) {
    const node = nodes.get(c.id)!;
    const parent = c.parentId ? nodes.get(c.parentId) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  return roots;
}

export function categoryRoutes(app: App, deps: { db: Db }) {
  app.get(
    '/api/categories',
    {
      config: { access: ANY_STAFF },
      schema: { tags: ['reference data'], querystring: CategoriesQuery, response: { 200: CategoryTree } },
    },
    async (req) => ({ items: await categoryTree(deps.db, req.actor!.companyId, req.query.type) }),
  );
}
