import { createApp } from 'vue'
import { createRouter, createWebHashHistory } from 'vue-router'
import ElementPlus from 'element-plus'
import 'element-plus/dist/index.css'
import App from './App.vue'
import MyWeek from './views/MyWeek.vue'
import Inbox from './views/Inbox.vue'
import Review from './views/Review.vue'
import { i18n } from './i18n'

const router = createRouter({
  history: createWebHashHistory(),
  routes: [
    { path: '/', redirect: '/week' },
    { path: '/week/:isoWeek?', component: MyWeek, props: true },
    { path: '/inbox', component: Inbox },
    { path: '/reports/:reportId', component: Review, props: true },
  ],
})

createApp(App).use(router).use(i18n).use(ElementPlus).mount('#app')
